/**
 * Two-way map between the editor's tool names and the names a provider accepts. Editor and MCP
 * tools use dots, colons or long names some providers reject: the provider gets a valid, unique
 * name, and its tool calls map back to the editor's tool. One map per request.
 */
export class ToolNameMap {
  private readonly toWire = new Map<string, string>();
  private readonly fromWire = new Map<string, string>();

  /** `makeValid` turns any name into one the provider accepts (at most 64 characters). */
  constructor(private readonly makeValid: (name: string) => string) {}

  wire(name: string): string {
    const known = this.toWire.get(name);
    if (known) return known;
    let candidate = this.makeValid(name);
    // Making names valid can make two of them equal: number the later ones.
    for (let n = 2; this.fromWire.has(candidate); n++) {
      const suffix = `_${n}`;
      candidate = candidate.slice(0, 64 - suffix.length) + suffix;
    }
    this.toWire.set(name, candidate);
    this.fromWire.set(candidate, name);
    return candidate;
  }

  /**
   * Wires every name up front, the already valid ones first: a valid name then keeps itself even
   * when a rewritten name would come out the same (the rewritten one gets the number).
   */
  reserve(names: Iterable<string>): this {
    const all = [...names];
    for (const name of all) if (this.makeValid(name) === name) this.wire(name);
    for (const name of all) this.wire(name);
    return this;
  }

  original(wireName: string): string {
    return this.fromWire.get(wireName) ?? wireName;
  }
}
