/** The part of opencc-js used here (its own types are reachable only through package exports, which this TypeScript setup does not resolve). */
declare module 'opencc-js/t2cn' {
  export function Converter(options: { from: 'twp' | 'tw' | 'hk' | 't'; to: 'cn' }): (text: string) => string;
}
