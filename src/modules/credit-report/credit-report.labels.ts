import { DEPARTMENT_NAMES } from "../../auth/department.enums";

/** The report's Chinese wording of the schema's codes; a code without a label prints as itself. */
const LABELS: Record<string, Record<string, string>> = {
  sector: {
    CIVIL_EXPLOSIVES: "民用爆炸物品", COAL_MINE: "煤矿", CONSTRUCTION: "建筑施工", FIREWORKS: "烟花爆竹", HAZARDOUS_CHEMICALS: "危险化学品",
    METALLURGY: "冶金", METAL_NONMETAL_MINE: "金属非金属矿山", NON_COAL_MINE: "非煤矿山", OTHER: "其他", SPECIAL_EQUIPMENT: "特种设备", TRANSPORTATION: "交通运输",
  },
  scale: { LARGE: "大型", MEDIUM: "中型", SMALL: "小型", MICRO: "微型" },
  status: { OPERATING: "存续（在营）", SUSPENDED: "停业", REVOKED: "吊销", DEREGISTERED: "注销" },
  role: { LEGAL_REPRESENTATIVE: "法定代表人", PRINCIPAL: "主要负责人", SAFETY_HEAD: "安全生产管理负责人", DIRECTLY_RESPONSIBLE: "直接责任人员" },
  severity: { MINOR: "轻微", GENERAL: "一般", SERIOUS: "严重" },
  penaltyType: {
    WARNING: "警告", FINE: "罚款", CONFISCATION: "没收违法所得", SUSPEND_PRODUCTION: "责令停产停业", SUSPEND_LICENSE: "暂扣许可证照",
    REVOKE_LICENSE: "吊销许可证照", DETENTION: "行政拘留", OTHER: "其他",
  },
  // The departments' names have one home (DEPARTMENT_NAMES); only the subject's wording is the report's own.
  department: { ...DEPARTMENT_NAMES, SUBJECT: "企业本身" },
  listStatus: { ACTIVE: "有效", EXPIRED: "已到期", REMOVED: "已移出", REPAIRED: "已修复", ESCALATED: "已升级为黑名单" },
  ground: {
    BREACHED_COMMITMENT: "违背信用承诺", CONCEALED_ACCIDENT: "瞒报谎报事故", FALSE_MATERIALS: "提供虚假材料", ILLEGAL_PRODUCTION: "非法违法生产",
    MAJOR_ACCIDENT: "发生较大及以上事故", OTHER: "其他", REFUSED_ENFORCEMENT_ORDER: "拒不执行执法决定", SERIOUS_VIOLATION_DURING_WATCH: "重点关注期间再次严重违法",
  },
  basis: { AUTOMATIC_RULE: "自动规则（多次行政处罚）", DEPARTMENT: "部门认定" },
  licenceStatus: { VALID: "有效", EXPIRED: "已过期", REVOKED: "已撤销", SUSPENDED: "暂扣" },
  objectionTarget: {
    ACCIDENT: "生产安全事故", BLACKLIST_ENTRY: "黑名单", COMMITMENT_BREACH: "违背承诺", CREDIT_GRADE: "信用等级", LICENCE: "行政许可",
    PENALTY: "行政处罚", RISK_SIGNAL: "风险信号", WATCHLIST_ENTRY: "重点关注名单",
  },
  objectionStatus: { PENDING: "处理中", REJECTED: "不予支持", UPHELD: "已支持（已更正）", WITHDRAWN: "已撤回" },
  supervisionLevel: { RELAXED: "宽松", NORMAL: "常规", FOCUSED: "重点", STRICT: "严格" },
  riskLevel: { LOW: "低", MEDIUM: "中", HIGH: "高", SEVERE: "严重" },
  matter: {
    GOVERNMENT_PROCUREMENT: "政府采购", BIDDING: "招标投标", ADMINISTRATIVE_APPROVAL: "行政审批", MARKET_ACCESS: "市场准入", QUALIFICATION_REVIEW: "资质审核",
    HONORS: "评优评先", FUNDING: "财政资金支持", LAND_TRANSFER: "土地出让", FINANCING: "融资信贷", INSPECTION: "监督检查", STANDARDIZATION_REVIEW: "标准化评审", OTHER: "其他",
  },
};

export type LabelKind = keyof typeof LABELS;

/** The Chinese label of a code, or the code itself. */
export const label = (kind: LabelKind, code: string | null | undefined): string => (code == null ? "—" : LABELS[kind]?.[code] ?? code);
