// The part of autocannon's API bench/load.ts uses (the package ships no types, and @types/autocannon is not a dependency).
declare module 'autocannon' {
  interface Histogram {
    average: number;
    total: number;
    p50: number;
    p99: number;
    max: number;
  }
  interface Result {
    duration: number;
    requests: Histogram;
    latency: Histogram;
    non2xx: number;
    errors: number;
    timeouts: number;
    statusCodeStats?: Record<string, { count: number }>;
  }
  interface RequestSpec {
    setupRequest?: (request: Record<string, unknown>, context: Record<string, any>) => Record<string, unknown> | undefined;
    onResponse?: (status: number, body: string, context: Record<string, any>) => void;
  }
  interface Options {
    url: string;
    connections?: number;
    duration?: number;
    timeout?: number;
    requests?: RequestSpec[];
  }
  function autocannon(options: Options): Promise<Result>;
  export default autocannon;
}
