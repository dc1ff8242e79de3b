import { registerEnumType } from "type-graphql";

export enum Department {
  CREDIT_OFFICE = "CREDIT_OFFICE",
  EMERGENCY_MANAGEMENT = "EMERGENCY_MANAGEMENT",
  MARKET_REGULATION = "MARKET_REGULATION",
  ECOLOGY_ENVIRONMENT = "ECOLOGY_ENVIRONMENT",
  HOUSING_CONSTRUCTION = "HOUSING_CONSTRUCTION",
  TRANSPORT = "TRANSPORT",
  INDUSTRY_IT = "INDUSTRY_IT",
  FIRE_RESCUE = "FIRE_RESCUE",
  HUMAN_RESOURCES = "HUMAN_RESOURCES",
  FINANCE = "FINANCE",
  NATURAL_RESOURCES = "NATURAL_RESOURCES",
}

export const DEPARTMENTS = Object.values(Department);

/** The departments' names as reports print them (通报 and pages are read by people, not systems). */
export const DEPARTMENT_NAMES: Readonly<Record<Department, string>> = {
  CREDIT_OFFICE: "发展改革委（信用办）",
  EMERGENCY_MANAGEMENT: "应急管理",
  MARKET_REGULATION: "市场监管",
  ECOLOGY_ENVIRONMENT: "生态环境",
  HOUSING_CONSTRUCTION: "住房城乡建设",
  TRANSPORT: "交通运输",
  INDUSTRY_IT: "工业和信息化",
  FIRE_RESCUE: "消防救援",
  HUMAN_RESOURCES: "人力资源社会保障",
  FINANCE: "财政",
  NATURAL_RESOURCES: "自然资源",
};

registerEnumType(Department, {
  name: "Department",
  description: "Supervising departments that take part in the hub (各设区市/省 部门).",
  valuesConfig: {
    CREDIT_OFFICE: { description: "发展改革委 信用办 / 公共信用信息中心" },
    EMERGENCY_MANAGEMENT: { description: "应急管理 (incl. 安委办)" },
    MARKET_REGULATION: { description: "市场监管" },
    ECOLOGY_ENVIRONMENT: { description: "生态环境" },
    HOUSING_CONSTRUCTION: { description: "住房和城乡建设" },
    TRANSPORT: { description: "交通运输" },
    INDUSTRY_IT: { description: "工业和信息化" },
    FIRE_RESCUE: { description: "消防救援" },
    HUMAN_RESOURCES: { description: "人力资源和社会保障 (劳动用工)" },
    FINANCE: { description: "财政 (政府采购)" },
    NATURAL_RESOURCES: { description: "自然资源 (国有土地出让)" },
  },
});
