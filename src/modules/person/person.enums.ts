import { registerEnumType } from "type-graphql";

export enum ResponsibleRole {
  LEGAL_REPRESENTATIVE = "LEGAL_REPRESENTATIVE",
  PRINCIPAL = "PRINCIPAL",
  SAFETY_HEAD = "SAFETY_HEAD",
  DIRECTLY_RESPONSIBLE = "DIRECTLY_RESPONSIBLE",
}

/** Roles held by one person at a time; DIRECTLY_RESPONSIBLE staff are often several at once. */
export const SINGLE_HOLDER_ROLES: readonly ResponsibleRole[] = [
  ResponsibleRole.LEGAL_REPRESENTATIVE,
  ResponsibleRole.PRINCIPAL,
  ResponsibleRole.SAFETY_HEAD,
];

registerEnumType(ResponsibleRole, {
  name: "ResponsibleRole",
  description: "Persons that the notice holds responsible next to the enterprise.",
  valuesConfig: {
    LEGAL_REPRESENTATIVE: { description: "法定代表人" },
    PRINCIPAL: { description: "主要负责人" },
    SAFETY_HEAD: { description: "分管安全的负责人" },
    DIRECTLY_RESPONSIBLE: { description: "负有直接责任的有关人员" },
  },
});
