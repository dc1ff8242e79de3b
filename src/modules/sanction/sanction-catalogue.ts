import { Field, InputType, Int, ObjectType } from "type-graphql";
import { DateTimeScalar } from "../../shared/scalars";
import { DEPARTMENTS, Department } from "../../auth/department.enums";
import { AdministrativeMatter as M } from "../enterprise/administrative-matter.enums";
import { SanctionMeasureCode as C } from "./sanction.enums";

// The same shape is the input of a new catalogue version (publishMeasureCatalogue).
@ObjectType()
@InputType("MeasureInput", { description: "One measure of a new catalogue version." })
export class SanctionMeasure {
  @Field(() => C)
  code!: C;

  @Field()
  title!: string;

  @Field(() => [Department])
  implementingDepartments!: Department[];

  @Field(() => [M])
  matters!: M[];

  @Field()
  appliesToPersons!: boolean;
}

const D = Department;
const except = (...excluded: Department[]) => DEPARTMENTS.filter((d) => !excluded.includes(d));
const measure = (code: C, title: string, implementingDepartments: Department[], matters: M[], appliesToPersons: boolean): SanctionMeasure =>
  Object.freeze({ code, title, implementingDepartments, matters, appliesToPersons });

/**
 * The built-in joint sanction measure catalogue (联合奖惩措施清单): each measure, the departments that
 * apply it, and whether it applies to persons. It is version 1 of the catalogue the hub stores
 * (MeasureCatalogueService); CREDIT_OFFICE publishes later versions, and every use reads the
 * version in force or the one a task was distributed under, not this list.
 */
export const SANCTION_CATALOGUE: readonly SanctionMeasure[] = [
  measure(C.PUBLIC_EXPOSURE, "发布公告向社会公开曝光", [D.CREDIT_OFFICE, D.EMERGENCY_MANAGEMENT], [M.OTHER], true),
  measure(C.INCREASED_INSPECTION, "加大执法检查频次", [D.EMERGENCY_MANAGEMENT, D.ECOLOGY_ENVIRONMENT, D.HOUSING_CONSTRUCTION, D.TRANSPORT, D.FIRE_RESCUE, D.MARKET_REGULATION], [M.INSPECTION], false),
  measure(C.KEY_SUPERVISION, "作为重点监管监察对象", [D.EMERGENCY_MANAGEMENT], [M.INSPECTION], false),
  measure(C.INTERVIEW_AND_TRAINING, "约谈主要负责人, 对负责人进行安全培训", [D.EMERGENCY_MANAGEMENT], [M.OTHER], true),
  measure(C.SUSPEND_STANDARDIZATION_REVIEW, "暂停安全生产标准化评审", [D.EMERGENCY_MANAGEMENT], [M.STANDARDIZATION_REVIEW], false),
  measure(C.REVOKE_STANDARDIZATION_CERTIFICATE, "撤销安全生产标准化证书", [D.EMERGENCY_MANAGEMENT], [M.STANDARDIZATION_REVIEW], false),
  measure(C.MARKET_BAN, "市场禁入", [D.MARKET_REGULATION, D.EMERGENCY_MANAGEMENT], [M.MARKET_ACCESS, M.ADMINISTRATIVE_APPROVAL], true),
  measure(C.HEAVIER_PUNISHMENT, "新的违法违规行为从重处罚", except(D.CREDIT_OFFICE, D.FINANCE), [M.INSPECTION], true),
  measure(C.RESTRICT_FINANCING, "投融资从严审批", [D.CREDIT_OFFICE, D.INDUSTRY_IT], [M.FINANCING, M.FUNDING], false),
  measure(C.RESTRICT_GOVERNMENT_PROCUREMENT, "限制参与政府采购", [D.FINANCE], [M.GOVERNMENT_PROCUREMENT], false),
  measure(C.RESTRICT_BIDDING, "限制参与工程招投标", [D.HOUSING_CONSTRUCTION, D.TRANSPORT], [M.BIDDING], false),
  measure(C.RESTRICT_LAND_TRANSFER, "限制取得国有土地", [D.NATURAL_RESOURCES], [M.LAND_TRANSFER], false),
  measure(C.RESTRICT_HONORS, "限制授予荣誉", [D.CREDIT_OFFICE, D.HUMAN_RESOURCES], [M.HONORS], true),
  measure(C.RESTRICT_QUALIFICATION, "资质审核从严", [D.HOUSING_CONSTRUCTION, D.TRANSPORT, D.EMERGENCY_MANAGEMENT, D.MARKET_REGULATION], [M.QUALIFICATION_REVIEW], false),
  measure(C.OTHER_STATUTORY, "法律、法规、规章规定的其他限制措施", [...DEPARTMENTS], [M.OTHER], true),
];

/** The (measure, department) pairs a new ACTIVE entry is distributed to (定向分发) under a catalogue. */
export function distributionFor(catalogue: readonly SanctionMeasure[], subjectType: "ENTERPRISE" | "PERSON"): { measure: C; department: Department }[] {
  return catalogue.filter((m) => subjectType === "ENTERPRISE" || m.appliesToPersons).flatMap((m) =>
    m.implementingDepartments.map((department) => ({ measure: m.code, department })),
  );
}

/** The measures of a catalogue that apply to an entry's subject: all for an enterprise, those that apply to persons for a person. */
export const measuresFor = (catalogue: readonly SanctionMeasure[], subjectType: "ENTERPRISE" | "PERSON"): SanctionMeasure[] =>
  catalogue.filter((m) => subjectType === "ENTERPRISE" || m.appliesToPersons);

@ObjectType({ description: "A published version of the joint sanction measure catalogue; immutable." })
export class MeasureCatalogue {
  @Field(() => Int)
  version!: number;

  @Field(() => DateTimeScalar)
  publishedAt!: Date;

  @Field(() => [SanctionMeasure])
  measures!: SanctionMeasure[];
}
