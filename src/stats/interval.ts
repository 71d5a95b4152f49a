/** A point estimate with a two-sided confidence interval around it. */
export interface Interval {
  low: number;
  high: number;
  estimate: number;
}
