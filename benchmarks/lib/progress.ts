// The progress display: one status line on stderr, rewritten in place on a terminal and
// printed every few seconds otherwise (CI logs).
export class Progress {
  private last = 0;
  private readonly tty = process.stderr.isTTY === true;
  private bench = "";
  constructor(
    private readonly total: number,
    private index = 0,
  ) {}

  startBench(name: string): void {
    this.index++;
    this.bench = `[${this.index}/${this.total}] ${name}`;
    this.write(this.bench, true);
  }

  /** What runs now, e.g. "wasm-cas, 2 workers, round 3/5". */
  step(what: string): void {
    this.write(`${this.bench}: ${what}`, false);
  }

  done(text: string): void {
    if (this.tty) process.stderr.write("\r\x1b[K");
    process.stderr.write(`${this.bench}: ${text}\n`);
  }

  private write(s: string, force: boolean): void {
    if (this.tty) {
      process.stderr.write("\r\x1b[K" + s.slice(0, (process.stderr.columns ?? 120) - 1));
      return;
    }
    const now = Date.now();
    if (force || now - this.last > 3000) {
      process.stderr.write(s + "\n");
      this.last = now;
    }
  }
}
