/**
 * The budget of bytes waiting to be sent, across every connection of one server. Each peer's
 * backlog is bounded by MAX_BUFFERED, but not their sum: past MAX_BUFFERED_TOTAL, newcomers
 * get HTTP 503 and the peers with the largest backlogs are closed with 1013.
 */
import { totalmem } from 'node:os';

/** One kind of peer that holds unsent bytes: the course's WebSockets today, Socket.IO sessions later. */
export interface BacklogSource<P = unknown> {
  /** Every peer of this kind. */
  peers(): Iterable<P>;
  /** Bytes waiting to be sent to one peer, counted until the peer is gone. */
  pending(peer: P): number;
  /** False once the peer is being closed: its bytes go soon, and shedding it again would free nothing. */
  open(peer: P): boolean;
  /** Closes one peer to free its bytes: the server is overloaded, hence 1013 « Try Again Later ». */
  shed(peer: P): void;
}

/** How often the backlogs are summed while any byte is pending. */
export const BUDGET_MEASURE_MS = 1000;
/** Shortest time between two sums, however fast bytes are queued. */
export const BUDGET_MIN_GAP_MS = 50;

/**
 * The default MAX_BUFFERED_TOTAL: a quarter of the machine's memory, or of the container's
 * limit when that is lower (a 1 GB VPS gets 256 MB).
 */
export function defaultMaxBufferedTotal(memory = totalmem(), limit = process.constrainedMemory()): number {
  const usable = limit > 0 && limit < memory ? limit : memory;
  return Math.floor(usable / 4);
}

/**
 * The server-wide budget. The send path only adds to a counter: `held + since` bounds the
 * real sum from above, so the backlogs are summed (O(peers)) only when that bound passes the
 * budget (at most every BUDGET_MIN_GAP_MS), and every BUDGET_MEASURE_MS while bytes are pending.
 */
export class SendBudget {
  private held = 0;
  private since = 0;
  private headroom: number;
  private over = false;
  private lastMeasure = 0;
  private soon: NodeJS.Timeout | undefined = undefined;
  private readonly sources: BacklogSource<any>[] = [];
  private readonly periodic: NodeJS.Timeout;
  private readonly maxTotal: number;

  /** Starts measuring; close() stops. */
  constructor(maxTotal: number) {
    this.maxTotal = maxTotal;
    this.headroom = maxTotal;
    this.periodic = setInterval(() => {
      if (this.soon === undefined && (this.held > 0 || this.since > 0 || this.over)) this.measure();
    }, BUDGET_MEASURE_MS);
    this.periodic.unref();
  }

  /** Bytes waiting to be sent at the last measure, shed peers included until they are gone. */
  get total(): number {
    return this.held;
  }

  /** True while the bytes waiting to be sent exceed the budget: admission answers 503. */
  overTotal(): boolean {
    return this.over;
  }

  /** Records bytes just queued for some peer; O(1), called by every send. */
  queued(bytes: number): void {
    this.since += bytes;
    if (this.since > this.headroom && this.soon === undefined) {
      this.soon = setTimeout(() => this.measure(), Math.max(0, this.lastMeasure + BUDGET_MIN_GAP_MS - Date.now()));
      this.soon.unref();
    }
  }

  /** Counts another kind of peer against the same budget. */
  addSource<P>(source: BacklogSource<P>): void {
    this.sources.push(source);
  }

  /**
   * Sums every backlog now. Over the budget, newcomers are refused until the bytes are really
   * freed, and open peers are shed, largest backlog first, until those left fit in the budget.
   */
  measure(): void {
    clearTimeout(this.soon);
    this.soon = undefined;
    this.lastMeasure = Date.now();
    this.since = 0;
    let held = 0;
    let open = 0;
    for (const source of this.sources) {
      for (const peer of source.peers()) {
        const bytes = source.pending(peer);
        held += bytes;
        if (source.open(peer)) open += bytes;
      }
    }
    if (open > this.maxTotal) this.shed(open);
    this.held = held;
    this.over = held > this.maxTotal;
    this.headroom = this.maxTotal - held;
  }

  /** Stops measuring (server shutdown). */
  close(): void {
    clearInterval(this.periodic);
    clearTimeout(this.soon);
  }

  /** Closes open peers, largest backlog first, until the backlogs of those left fit. */
  private shed(open: number): void {
    const backlogs: { bytes: number; source: BacklogSource<any>; peer: unknown }[] = [];
    for (const source of this.sources) {
      for (const peer of source.peers()) {
        const bytes = source.pending(peer);
        if (bytes > 0 && source.open(peer)) backlogs.push({ bytes, source, peer });
      }
    }
    backlogs.sort((a, b) => b.bytes - a.bytes);
    for (const { bytes, source, peer } of backlogs) {
      if (open <= this.maxTotal) break;
      source.shed(peer);
      open -= bytes;
    }
  }
}
