/**
 * The issues every network starts with: the Tower Hamlets Community Advice Network's list of 19.
 * Codes are stable; names can be changed by the coordinator (keeping history).
 */
export interface StarterIssue {
  code: string
  name: string
  nameCy: string
  /** Counted as crisis support by the intelligence hub (repeat crisis KPI). */
  crisis?: boolean
}

export const starterIssues: StarterIssue[] = [
  { code: 'welfare-benefit', name: 'Welfare Benefit', nameCy: 'Budd-daliadau Lles' },
  { code: 'community-care', name: 'Community Care', nameCy: 'Gofal Cymunedol' },
  { code: 'consumer', name: 'Consumer', nameCy: 'Defnyddwyr' },
  { code: 'debt', name: 'Debt', nameCy: 'Dyled' },
  { code: 'housing', name: 'Housing', nameCy: 'Tai' },
  { code: 'employment', name: 'Employment', nameCy: 'Cyflogaeth' },
  { code: 'immigration', name: 'Immigration', nameCy: 'Mewnfudo' },
  { code: 'small-claims', name: 'Small Claims', nameCy: 'Hawliadau Bychain' },
  { code: 'carers-assessment', name: 'Carers Assessment', nameCy: 'Asesiad Gofalwyr' },
  { code: 'family', name: 'Family', nameCy: 'Teulu' },
  { code: 'utility-advice', name: 'Utility Advice', nameCy: 'Cyngor ar Gyfleustodau' },
  { code: 'advocacy', name: 'Advocacy', nameCy: 'Eiriolaeth' },
  { code: 'financial-capability', name: 'Financial Capability', nameCy: 'Gallu Ariannol' },
  { code: 'digital-inclusion', name: 'Digital Inclusion', nameCy: 'Cynhwysiant Digidol' },
  { code: 'wellbeing-activities', name: 'Wellbeing Activities', nameCy: 'Gweithgareddau Llesiant' },
  {
    code: 'volunteering-employment-activities',
    name: 'Volunteering & Employment Activities',
    nameCy: 'Gwirfoddoli a Gweithgareddau Cyflogaeth',
  },
  { code: 'courses-training', name: 'Courses & Training', nameCy: 'Cyrsiau a Hyfforddiant' },
  { code: 'job-search', name: 'Job Search', nameCy: 'Chwilio am Swydd' },
  { code: 'food-support', name: 'Food Support', nameCy: 'Cymorth Bwyd', crisis: true },
]
