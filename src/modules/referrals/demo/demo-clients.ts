import type { clients } from '../../../db/schema/index.js'
import { demoPostcodeCentroids } from '../../directory/demo/demo-postcodes.js'
import { isoDate, type Dice } from './demo-random.js'

/*
 * The demo's clients: invented people with names from the communities a UK borough's advice network serves,
 * contact details in the ranges kept for drama (Ofcom 07700 900xxx, .example emails) and RV postcodes.
 */

type ClientRow = typeof clients.$inferInsert
export type Household = NonNullable<ClientRow['household']>

interface Background {
  weight: number
  given: string[]
  family: string[]
  /** ISO 639-1 codes spoken at home besides English; the first is the commonest. */
  languages: string[]
  /** Share of people who would like an interpreter. */
  interpreter: number
}

const backgrounds: Background[] = [
  {
    weight: 46,
    given: ['Jack', 'Emily', 'Gary', 'Sharon', 'Daniel', 'Chloe', 'Paul', 'Karen', 'Liam', 'Jade', 'Stephen', 'Tracey', 'Ryan', 'Megan', 'Colin', 'Joan', 'Darren', 'Leanne', 'Kevin', 'Margaret', 'Connor', 'Siobhan', 'Dylan', 'Bethan', 'Keith', 'Shannon', 'Alan', 'Maureen', 'Jordan', 'Hannah'],
    family: ['Smith', 'Jones', 'Taylor', 'Brown', 'Wilson', 'Walker', 'Wright', 'Thompson', 'Hughes', 'Edwards', 'Green', 'Hall', 'Wood', 'Harris', 'Clarke', 'Jackson', 'Turner', 'Hill', 'Moore', 'Cooper', 'Ward', 'Morris', 'King', 'Baker', 'Doyle', 'Kelly', 'Byrne', 'Lloyd', 'Price', 'Stewart'],
    languages: [],
    interpreter: 0,
  },
  {
    weight: 16,
    given: ['Mohammed', 'Ayesha', 'Imran', 'Nazia', 'Harpreet', 'Gurpreet', 'Rajesh', 'Sunita', 'Abdul', 'Shazia', 'Arjun', 'Priya', 'Tariq', 'Fatima', 'Sanjay', 'Rukhsana', 'Bilal', 'Parveen', 'Kiran', 'Jaswinder', 'Rahim', 'Nasima', 'Vikram', 'Anjali'],
    family: ['Khan', 'Ahmed', 'Hussain', 'Patel', 'Singh', 'Kaur', 'Begum', 'Ali', 'Iqbal', 'Sharma', 'Mistry', 'Rahman', 'Chowdhury', 'Uddin', 'Gill', 'Sandhu', 'Mahmood', 'Akhtar', 'Parmar', 'Islam'],
    languages: ['ur', 'pa', 'bn', 'gu'],
    interpreter: 0.15,
  },
  {
    weight: 10,
    given: ['Piotr', 'Agnieszka', 'Tomasz', 'Katarzyna', 'Andrei', 'Elena', 'Marius', 'Ioana', 'Jonas', 'Ruta', 'Krzysztof', 'Magdalena', 'Bogdan', 'Alina', 'Pavel', 'Zuzana'],
    family: ['Kowalski', 'Nowak', 'Wisniewska', 'Lewandowski', 'Popescu', 'Ionescu', 'Stan', 'Kazlauskas', 'Petrauskiene', 'Horvath', 'Dvorak', 'Zielinska', 'Mazur', 'Radu', 'Marin', 'Balog'],
    languages: ['pl', 'ro', 'lt', 'sk'],
    interpreter: 0.35,
  },
  {
    weight: 10,
    given: ['Chinedu', 'Ngozi', 'Kwame', 'Abena', 'Abdirahman', 'Hodan', 'Tesfaye', 'Selam', 'Oluwaseun', 'Folake', 'Yaw', 'Adwoa', 'Mohamed', 'Faduma', 'Emeka', 'Blessing'],
    family: ['Okafor', 'Adeyemi', 'Mensah', 'Owusu', 'Abdi', 'Warsame', 'Tesfay', 'Gebremedhin', 'Okonkwo', 'Boateng', 'Osei', 'Farah', 'Hassan', 'Eze', 'Adebayo', 'Nkemelu'],
    languages: ['so', 'ti', 'yo', 'tw'],
    interpreter: 0.2,
  },
  {
    weight: 6,
    given: ['Marcus', 'Simone', 'Delroy', 'Marcia', 'Winston', 'Beverley', 'Tyrone', 'Jasmine', 'Clive', 'Janelle', 'Errol', 'Paulette'],
    family: ['Campbell', 'Williams', 'Brown', 'Francis', 'Grant', 'Reid', 'Thomas', 'Bennett', 'Samuels', 'Gordon', 'Henry', 'Lewis'],
    languages: [],
    interpreter: 0,
  },
  {
    weight: 7,
    given: ['Omar', 'Layla', 'Ahmad', 'Noor', 'Yusuf', 'Mariam', 'Karim', 'Rania', 'Hamid', 'Zahra', 'Mehmet', 'Elif', 'Dilan', 'Rojin', 'Samir', 'Huda'],
    family: ['Al-Sayed', 'Haddad', 'Mansour', 'Rahimi', 'Karimi', 'Yilmaz', 'Demir', 'Kaya', 'Hamdan', 'Nasser', 'Ahmadi', 'Sultani', 'Aziz', 'Barzani', 'Qasim', 'Saleh'],
    languages: ['ar', 'fa', 'tr', 'ku', 'ps'],
    interpreter: 0.45,
  },
  {
    weight: 5,
    given: ['Wei', 'Mei', 'Jun', 'Lan', 'Minh', 'Thu', 'Hoa', 'Tuan', 'Hui', 'Ying', 'Duc', 'Linh'],
    family: ['Chen', 'Wang', 'Li', 'Zhang', 'Liu', 'Nguyen', 'Tran', 'Pham', 'Le', 'Wong', 'Lam', 'Huang'],
    languages: ['zh', 'vi', 'yue'],
    interpreter: 0.3,
  },
]
const backgroundWeights = new Map(backgrounds.map((background, index) => [String(index), background.weight]))

const streets = ['Church Street', 'Mill Lane', 'Station Road', 'Victoria Road', 'Park Avenue', 'Queen Street', 'Granby Close', 'Orchard Way', 'Canal Side', 'Beech Grove', 'Tennyson Road', 'Willow Court']
const flats = ['Flat 2', 'Flat 7', 'Flat 12', 'Flat 3B', 'Room 4']
const contactTimes = ['Weekday mornings', 'After 3pm (school run before)', 'Any time', 'Lunchtimes', 'Not Wednesdays (hospital appointments)', 'Evenings after 5pm', null]
const accessibilityNeeds = [
  'Uses a wheelchair; ground-floor appointments please.',
  'Hard of hearing: text rather than phone.',
  'Finds letters hard to read; please explain by phone.',
  'Anxiety: prefers a named worker and short appointments.',
  'Partially sighted: large print.',
]
const dietaryNeeds = ['Halal', 'Vegetarian', 'Diabetic', 'Coeliac (gluten free)', 'Kosher', 'No pork', 'Nut allergy']

export interface DemoClient {
  row: ClientRow
  age: number
  district: string
  nrpf: boolean
  household: Household
}

/** A client of the organisation `organisationId`, first seen on `firstSeen`. `nrpfLikely` for the refugee forum. */
export function makeClient(
  roll: Dice,
  keys: { id: string; networkId: string; organisationId: string; createdBy: string | null; index: number },
  firstSeen: Date,
  options: { nrpfLikely: boolean; ageRange: [number, number] },
): DemoClient {
  const background = options.nrpfLikely && roll.chance(0.7) ? backgrounds[roll.pick([2, 3, 5, 6])] : backgrounds[Number(roll.weighted(backgroundWeights))]
  const name = `${roll.pick(background.given)} ${roll.pick(background.family)}`
  const age = roll.between(options.ageRange[0], options.ageRange[1])
  const [postcode] = roll.pick(demoPostcodeCentroids)
  const knowsBirthday = roll.chance(0.82)
  const birthYear = firstSeen.getUTCFullYear() - age
  const dateOfBirth = `${birthYear}-${String(roll.between(1, 12)).padStart(2, '0')}-${String(roll.between(1, 28)).padStart(2, '0')}`
  const language = background.languages.length > 0 && roll.chance(0.6) ? roll.pick(background.languages) : 'en'
  const nrpf = options.nrpfLikely ? roll.chance(0.35) : roll.chance(0.01)
  const household = householdFor(roll, age)
  const hasEmail = roll.chance(age < 60 ? 0.55 : 0.2)
  const phone = `07700 900${String(roll.between(0, 999)).padStart(3, '0')}`
  const method = hasEmail && roll.chance(0.25) ? 'email' : roll.chance(0.2) ? 'text' : roll.chance(0.05) ? 'letter' : 'phone'
  const row: ClientRow = {
    id: keys.id,
    networkId: keys.networkId,
    organisationId: keys.organisationId,
    name,
    dateOfBirth: knowsBirthday ? dateOfBirth : null,
    statedAge: knowsBirthday ? null : age,
    statedAgeOn: knowsBirthday ? null : isoDate(firstSeen),
    phone: roll.chance(0.96) ? phone : null,
    email: hasEmail ? `${name.toLowerCase().replace(/[^a-z]+/g, '.')}${keys.index % 100}@example.com` : null,
    address: `${roll.chance(0.3) ? `${roll.pick(flats)}, ` : ''}${roll.between(1, 180)} ${roll.pick(streets)}, Riverside`,
    postcode,
    preferredContactMethod: method,
    contactTimes: roll.pick(contactTimes),
    safeToLeaveMessage: roll.chance(0.1) ? null : roll.chance(0.85),
    language,
    interpreterNeeded: language !== 'en' && roll.chance(background.interpreter * 2),
    accessibilityNeeds: roll.chance(0.12) ? roll.pick(accessibilityNeeds) : null,
    nrpf: roll.chance(0.15) ? null : nrpf,
    household,
    dietaryCulturalNeeds: roll.chance(0.15) ? roll.pick(dietaryNeeds) : null,
    createdBy: keys.createdBy,
    createdAt: firstSeen,
    updatedAt: firstSeen,
  }
  return { row, age, district: postcode.split(' ')[0], nrpf, household }
}

function householdFor(roll: Dice, age: number): Household {
  if (age >= 66) return roll.chance(0.7) ? 'older_person' : roll.pick(['couple', 'carer', 'single_adult'] as const)
  if (age <= 24) return roll.chance(0.6) ? 'young_person' : roll.pick(['single_parent', 'single_adult'] as const)
  return roll.pick(['single_adult', 'single_adult', 'couple', 'family_with_children', 'family_with_children', 'single_parent', 'carer'] as const)
}
