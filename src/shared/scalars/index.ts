export { CreditCodeScalar } from "./credit-code.scalar";
export { DateScalar } from "./date.scalar";
export { DateTimeScalar } from "./date-time.scalar";
export { DecimalScalar } from "./decimal.scalar";
