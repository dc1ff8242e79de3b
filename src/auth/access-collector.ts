/**
 * What one request read: filled by loaders (subjects), the shield (shielded fields returned or
 * denied) and resolvers (purpose, reviews); turned into one access record when the response goes.
 */
export class AccessCollector {
  readonly subjects = new Set<string>();
  readonly persons = new Set<string>();
  readonly sensitive = new Set<string>();
  readonly denied = new Set<string>();
  purpose: string | null = null;
  reviewed = false;

  enterprise(creditCode: string): void {
    this.subjects.add(creditCode);
  }

  person(id: string): void {
    this.persons.add(id);
  }

  get isEmpty(): boolean {
    return !this.reviewed && this.subjects.size === 0 && this.persons.size === 0 && this.sensitive.size === 0 && this.denied.size === 0;
  }
}
