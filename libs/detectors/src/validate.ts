/** Small input guards shared by this package: one-line errors naming the argument and the expected range. */

/** Throws unless `value` is a finite number. */
export function assertFinite(value: number, argName: string): void {
  if (!Number.isFinite(value)) throw new Error(`${argName}: expected a finite number, got ${value}`);
}

/** Throws unless every element of `arr` is finite; names the first bad index. */
export function assertAllFinite(arr: ArrayLike<number>, argName: string): void {
  for (let k = 0; k < arr.length; k++) {
    if (!Number.isFinite(arr[k])) throw new Error(`${argName}[${k}]: expected a finite number, got ${arr[k]}`);
  }
}

/** Throws unless `value` is a positive finite number. */
export function assertPositive(value: number, argName: string): void {
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${argName}: expected a positive finite number, got ${value}`);
}
