import { registerEnumType } from "type-graphql";

export enum SanctionMeasureCode {
  PUBLIC_EXPOSURE = "PUBLIC_EXPOSURE",
  INCREASED_INSPECTION = "INCREASED_INSPECTION",
  KEY_SUPERVISION = "KEY_SUPERVISION",
  INTERVIEW_AND_TRAINING = "INTERVIEW_AND_TRAINING",
  SUSPEND_STANDARDIZATION_REVIEW = "SUSPEND_STANDARDIZATION_REVIEW",
  REVOKE_STANDARDIZATION_CERTIFICATE = "REVOKE_STANDARDIZATION_CERTIFICATE",
  MARKET_BAN = "MARKET_BAN",
  HEAVIER_PUNISHMENT = "HEAVIER_PUNISHMENT",
  RESTRICT_FINANCING = "RESTRICT_FINANCING",
  RESTRICT_GOVERNMENT_PROCUREMENT = "RESTRICT_GOVERNMENT_PROCUREMENT",
  RESTRICT_BIDDING = "RESTRICT_BIDDING",
  RESTRICT_LAND_TRANSFER = "RESTRICT_LAND_TRANSFER",
  RESTRICT_HONORS = "RESTRICT_HONORS",
  RESTRICT_QUALIFICATION = "RESTRICT_QUALIFICATION",
  OTHER_STATUTORY = "OTHER_STATUTORY",
}

export enum SanctionTaskStatus {
  OPEN = "OPEN",
  REPORTED = "REPORTED",
  CLOSED = "CLOSED",
}

registerEnumType(SanctionMeasureCode, {
  name: "SanctionMeasureCode",
  description: "Joint sanction measures (联合惩戒措施) listed by the notice.",
  valuesConfig: {
    PUBLIC_EXPOSURE: { description: "发布公告向社会公开曝光" },
    INCREASED_INSPECTION: { description: "加大执法检查频次" },
    KEY_SUPERVISION: { description: "作为重点监管监察对象, 常态化暗查暗访, 不定期抽查" },
    INTERVIEW_AND_TRAINING: { description: "约谈主要负责人, 对负责人进行安全培训" },
    SUSPEND_STANDARDIZATION_REVIEW: { description: "暂停安全生产标准化评审" },
    REVOKE_STANDARDIZATION_CERTIFICATE: { description: "撤销安全生产标准化证书" },
    MARKET_BAN: { description: "市场禁入" },
    HEAVIER_PUNISHMENT: { description: "新的违法违规行为从重处罚" },
    RESTRICT_FINANCING: { description: "投融资 从严审批" },
    RESTRICT_GOVERNMENT_PROCUREMENT: { description: "政府采购" },
    RESTRICT_BIDDING: { description: "工程招投标" },
    RESTRICT_LAND_TRANSFER: { description: "国有土地出让" },
    RESTRICT_HONORS: { description: "授予荣誉" },
    RESTRICT_QUALIFICATION: { description: "资质审核" },
    OTHER_STATUTORY: { description: "法律、法规、规章规定的其他限制措施" },
  },
});
registerEnumType(SanctionTaskStatus, { name: "SanctionTaskStatus" });
