import { performance } from 'node:perf_hooks';

const SLOWEST_RULES_SHOWN = 5;

/** Per-phase wall times of one run, for `--timing`; startup is the time from process start to the first mark. */
export class PhaseTimer {
  private readonly phases: [string, number][] = [];
  private readonly rules: [string, number][] = [];
  private last: number;

  constructor() {
    this.last = performance.now();
    this.phases.push(['startup', this.last]);
  }

  /** Ends the phase that began at the previous mark. */
  mark(phase: string): void {
    const now = performance.now();
    this.add(phase, Math.max(0, now - this.last));
    this.last = now;
  }

  /** Records a phase timed elsewhere (the engine's model, pairing, rules and per-rule times); the next mark times what follows it. */
  record = (phase: string, milliseconds: number): void => {
    if (phase.startsWith('rule:')) {
      this.rules.push([phase.slice('rule:'.length), milliseconds]);
      return;
    }
    this.add(phase, milliseconds);
    this.last += milliseconds;
  };

  /** Lines for stderr: the phases with the total, the slowest rules, the peak resident memory. */
  report(): string[] {
    const ms = (value: number): string => `${Math.round(value)} ms`;
    const total = performance.now();
    const slowest = [...this.rules].sort((a, b) => b[1] - a[1]).slice(0, SLOWEST_RULES_SHOWN);
    const peakMegabytes = process.resourceUsage().maxRSS / 1024;
    return [
      `timing: ${this.phases.map(([name, value]) => `${name} ${ms(value)}`).join(', ')}, total ${ms(total)}`,
      ...(slowest.length > 0 ? [`timing: slowest rules: ${slowest.map(([id, value]) => `${id} ${ms(value)}`).join(', ')}`] : []),
      `timing: peak RSS ${peakMegabytes.toFixed(0)} MB`,
    ];
  }

  private add(phase: string, milliseconds: number): void {
    const existing = this.phases.find(([name]) => name === phase);
    if (existing) existing[1] += milliseconds;
    else this.phases.push([phase, milliseconds]);
  }
}
