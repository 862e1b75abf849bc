/** The operators' names as customers know them, by Unipesa's provider id. */
const OPERATOR_NAMES: Record<number, string> = {
  9: 'M-Pesa',
  10: 'Orange Money',
  14: 'Simulateur Unipesa',
  17: 'Airtel Money',
  19: 'Africell Money',
}

export function operatorName(providerId: number) {
  return OPERATOR_NAMES[providerId] ?? String(providerId)
}
