import type { OrganisationRole } from '../../platform/access/actor.js'
import type { OrganisationType } from './networks.schemas.js'

/*
 * The fictional Riverside network: a borough with Northbank, Eastfield, Millbrook and Kingsbridge in it.
 * Every name, number and person here is invented; numbers only follow the real formats.
 */

export interface DemoOrganisation {
  name: string
  type: OrganisationType
  charityNumber?: string
  companyNumber?: string
  statutory: boolean
  /** One of the network's front doors: its referrers and admins triage residents' requests. */
  frontDoor?: boolean
}

const voluntary = (name: string, charityNumber?: string, companyNumber?: string): DemoOrganisation => ({
  name,
  type: 'voluntary_community',
  charityNumber,
  companyNumber,
  statutory: false,
})

export const demoOrganisations: DemoOrganisation[] = [
  { ...voluntary('Riverside Citizens Advice', '1082345', '04012345'), frontDoor: true },
  voluntary('Age UK Riverside', '1098765', '04567890'),
  voluntary('Riverside Mind', '1112233', '05566778'),
  voluntary('Northbank Community Centre', '1156789'),
  voluntary('Riverside Carers Centre', '1123456', '06543210'),
  voluntary('Riverside Refugee and Migrant Forum', '1170001', '10234567'),
  voluntary('Kingsbridge Debt Advice', '1145678'),
  voluntary('Riverside Women’s Aid', '1067890', '03456789'),
  voluntary('Eastfield Youth Project', '1134567'),
  voluntary('Riverside Disability Rights', '1149876'),
  voluntary('Millbrook Men’s Shed', '1187654'),
  voluntary('Riverside Law Centre', '1076543', '03789012'),
  voluntary('Riverside Recovery Community', '1162345-1'),
  { name: 'Riverside Borough Council – Customer Services', type: 'local_authority', statutory: true, frontDoor: true },
  { name: 'Riverside Borough Council – Adult Social Care', type: 'local_authority', statutory: true },
  { name: 'Riverside Borough Council – Housing Options', type: 'local_authority', statutory: true },
  { name: 'Riverside Borough Council – Welfare Rights', type: 'local_authority', statutory: true },
  { name: 'Riverside Borough Council – Early Help', type: 'local_authority', statutory: true },
  { name: 'Riverside Borough Council – Council Tax Support', type: 'local_authority', statutory: true },
  { name: 'Riverside and Northbank NHS Foundation Trust – Community Mental Health', type: 'nhs', statutory: true },
  { name: 'Riverside Health Visiting Service', type: 'nhs', statutory: true },
  { name: 'Millbrook Medical Centre', type: 'nhs', statutory: true },
  { name: 'Riverside NHS Talking Therapies', type: 'nhs', statutory: true },
  { name: 'St Mary’s Primary School', type: 'school', statutory: true },
  { name: 'Eastfield Primary School', type: 'school', statutory: true },
  { name: 'Northbank Academy', type: 'school', companyNumber: '08123456', statutory: true },
  { name: 'Riverside College', type: 'school', statutory: true },
  { name: 'Riverside Primary Care Network – Social Prescribing', type: 'social_prescriber', statutory: true },
  { name: 'Northbank Primary Care Network – Social Prescribing', type: 'social_prescriber', statutory: true },
  { name: 'Riverside Community Connectors', type: 'social_prescriber', charityNumber: '1178899', statutory: false },
  { name: 'Northbank Foodbank', type: 'foodbank', charityNumber: '1134890', companyNumber: '07012345', statutory: false },
  { name: 'Riverside Community Pantry', type: 'foodbank', charityNumber: '1190123', statutory: false },
  { name: 'Eastfield Food Hub', type: 'foodbank', charityNumber: '1183456', statutory: false },
  { name: 'St Peter’s Community Kitchen', type: 'foodbank', statutory: false },
  { name: 'Riverside Housing Association', type: 'housing', companyNumber: 'RS007654', statutory: false },
  { name: 'Riverside Homeless Outreach', type: 'housing', charityNumber: '1151234', statutory: false },
  { name: 'Riverside Young People’s Housing', type: 'housing', charityNumber: '1065432', companyNumber: '03345678', statutory: false },
  { name: 'Kingsbridge Tenants’ Association', type: 'housing', statutory: false },
  { name: 'Riverside Credit Union', type: 'other', statutory: false },
  { name: 'Riverside Jobcentre', type: 'other', statutory: true },
  { name: 'Riverside Fire and Rescue – Safe and Well Visits', type: 'other', statutory: true },
  { name: 'Riverside Energy Advice CIC', type: 'other', companyNumber: '11223344', statutory: false },
]

export interface DemoPerson {
  name: string
  email: string
  /** Network coordinator when set; otherwise the person works in the organisations below. */
  coordinator?: boolean
  /** Analyst: reads the intelligence hub's aggregates only. */
  analyst?: boolean
  memberships: { organisation: string; role: OrganisationRole }[]
}

const person = (name: string, memberships: DemoPerson['memberships']): DemoPerson => ({
  name,
  email: `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@riverside.example`,
  memberships,
})

const citizensAdvice = 'Riverside Citizens Advice'
const housingOptions = 'Riverside Borough Council – Housing Options'
const socialPrescribing = 'Riverside Primary Care Network – Social Prescribing'
const foodbank = 'Northbank Foodbank'
const mind = 'Riverside Mind'
const school = 'St Mary’s Primary School'
const housingAssociation = 'Riverside Housing Association'
const refugeeForum = 'Riverside Refugee and Migrant Forum'

export const demoPeople: DemoPerson[] = [
  { name: 'Priya Shah', email: 'coordinator@riverside.example', coordinator: true, memberships: [] },
  { name: 'Nia Roberts', email: 'analyst@riverside.example', analyst: true, memberships: [] },
  person('Helen Price', [{ organisation: citizensAdvice, role: 'organisation_admin' }]),
  person('Tom Walsh', [{ organisation: citizensAdvice, role: 'referrer' }]),
  // Works at two organisations, to show switching between them.
  person('Amina Hassan', [
    { organisation: citizensAdvice, role: 'receiver' },
    { organisation: refugeeForum, role: 'referrer' },
  ]),
  person('David Clarke', [{ organisation: housingOptions, role: 'organisation_admin' }]),
  person('Grace Mensah', [{ organisation: housingOptions, role: 'referrer' }]),
  person('Lewis Evans', [{ organisation: housingOptions, role: 'receiver' }]),
  person('Ruth Kaur', [{ organisation: socialPrescribing, role: 'organisation_admin' }]),
  person('Ben Okafor', [{ organisation: socialPrescribing, role: 'referrer' }]),
  person('Janet Murphy', [{ organisation: foodbank, role: 'organisation_admin' }]),
  person('Kwame Boateng', [{ organisation: foodbank, role: 'receiver' }]),
  person('Sophie Turner', [{ organisation: foodbank, role: 'referrer' }]),
  person('Owen Jenkins', [{ organisation: mind, role: 'organisation_admin' }]),
  person('Fatima Begum', [{ organisation: mind, role: 'receiver' }]),
  person('Claire Robinson', [{ organisation: school, role: 'organisation_admin' }]),
  person('Mark Taylor', [{ organisation: school, role: 'referrer' }]),
  person('Lisa Green', [{ organisation: housingAssociation, role: 'organisation_admin' }]),
  person('Marek Nowak', [{ organisation: housingAssociation, role: 'receiver' }]),
  person('Yusuf Ali', [{ organisation: refugeeForum, role: 'organisation_admin' }]),
  person('Chloe Davies', [{ organisation: refugeeForum, role: 'receiver' }]),
]
