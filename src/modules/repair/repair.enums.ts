import { registerEnumType } from "type-graphql";

export enum RepairStatus {
  SUBMITTED = "SUBMITTED",
  APPROVED = "APPROVED",
  REJECTED = "REJECTED",
}

export enum RepairAction {
  PUBLIC_COMMITMENT = "PUBLIC_COMMITMENT",
  REPAIR_TRAINING = "REPAIR_TRAINING",
  CREDIT_REPORT = "CREDIT_REPORT",
  PUBLIC_SERVICE = "PUBLIC_SERVICE",
}

registerEnumType(RepairStatus, { name: "RepairStatus" });
registerEnumType(RepairAction, { name: "RepairAction" });
