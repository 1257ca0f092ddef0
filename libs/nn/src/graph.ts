// A network as a graph of typed ops with static shapes (the batch dimension is symbolic).
// Ops validate shapes at construction and throw with the layer name and the shapes involved.
import type { Dim } from './onnx.ts';
import {
  AddOp,
  AvgPool1dOp,
  BatchNormOp,
  BceWithLogitsOp,
  Conv1dOp,
  FlattenOp,
  GlobalAvgPoolOp,
  GroupNormOp,
  LinearOp,
  MaxPool1dOp,
  Op,
  ReluOp,
  ReshapeOp,
  SigmoidOp,
} from './ops.ts';

export type ValueKind = 'input' | 'param' | 'buffer' | 'node';

/** Parameter initialisers (PyTorch's, see init.ts). */
export type InitSpec =
  | { kind: 'kaimingNormalFanOut' }
  | { kind: 'constant'; value: number }
  | { kind: 'uniform'; bound: number };

export interface Value {
  readonly id: number;
  /** ONNX value name; for params/buffers the PyTorch state_dict name. */
  readonly name: string;
  readonly shape: Dim[];
  readonly kind: ValueKind;
  readonly requiresGrad: boolean;
  readonly init?: InitSpec;
}

export function shapeStr(shape: readonly Dim[]): string {
  return `(${shape.join(', ')})`;
}

export function numel(shape: readonly Dim[]): number {
  return shape.reduce<number>((a, d) => {
    if (d === 'batch') throw new Error('numel: shape has a symbolic batch dimension');
    return a * d;
  }, 1);
}

export interface Conv1dOptions {
  stride?: number;
  padding?: number;
  dilation?: number;
  groups?: number;
}

export interface PoolOptions {
  kernel: number;
  stride?: number;
  padding?: number;
}

export class Graph {
  readonly values: Value[] = [];
  readonly ops: Op[] = [];
  private names = new Set<string>();

  private add(v: Omit<Value, 'id'>): Value {
    if (this.names.has(v.name)) throw new Error(`graph: duplicate value name '${v.name}'`);
    this.names.add(v.name);
    const val = { ...v, id: this.values.length };
    this.values.push(val);
    return val;
  }

  /** A data input (no gradient). Shape usually starts with 'batch'. */
  input(name: string, shape: Dim[]): Value {
    return this.add({ name, shape, kind: 'input', requiresGrad: false });
  }

  /** A trainable parameter with a fixed shape. */
  param(name: string, shape: number[], init: InitSpec): Value {
    for (const d of shape) {
      if (!Number.isInteger(d) || d < 1) throw new Error(`param '${name}': bad shape ${shapeStr(shape)}`);
    }
    return this.add({ name, shape, kind: 'param', requiresGrad: true, init });
  }

  /** A non-trainable state tensor (e.g. batch-norm running statistics). */
  buffer(name: string, shape: number[], init: InitSpec): Value {
    return this.add({ name, shape, kind: 'buffer', requiresGrad: false, init });
  }

  /** Creates an op output value; used by op constructors. */
  output(layer: string, suffix: string, shape: Dim[], inputs: Value[]): Value {
    let name = `${layer}.${suffix}`;
    let k = 1;
    while (this.names.has(name)) name = `${layer}.${suffix}_${k++}`;
    return this.add({ name, shape, kind: 'node', requiresGrad: inputs.some((v) => v.requiresGrad) });
  }

  private push<T extends Op>(op: T): Value {
    this.ops.push(op);
    return op.outputs[0];
  }

  get params(): Value[] {
    return this.values.filter((v) => v.kind === 'param');
  }

  get buffers(): Value[] {
    return this.values.filter((v) => v.kind === 'buffer');
  }

  get inputs(): Value[] {
    return this.values.filter((v) => v.kind === 'input');
  }

  conv1d(layer: string, x: Value, w: Value, bias: Value | null, opts: Conv1dOptions = {}): Value {
    return this.push(new Conv1dOp(this, layer, x, w, bias, opts));
  }

  groupNorm(layer: string, x: Value, w: Value, b: Value, groups: number, eps = 1e-5): Value {
    return this.push(new GroupNormOp(this, layer, x, w, b, groups, eps));
  }

  /** Batch norm; `training` uses batch statistics and updates the running buffers. */
  batchNorm(layer: string, x: Value, w: Value, b: Value, runningMean: Value, runningVar: Value,
    opts: { training: boolean; momentum?: number; eps?: number }): Value {
    return this.push(new BatchNormOp(this, layer, x, w, b, runningMean, runningVar, opts));
  }

  relu(layer: string, x: Value): Value {
    return this.push(new ReluOp(this, layer, x));
  }

  add2(layer: string, a: Value, b: Value): Value {
    return this.push(new AddOp(this, layer, a, b));
  }

  maxPool1d(layer: string, x: Value, opts: PoolOptions): Value {
    return this.push(new MaxPool1dOp(this, layer, x, opts));
  }

  avgPool1d(layer: string, x: Value, opts: PoolOptions): Value {
    return this.push(new AvgPool1dOp(this, layer, x, opts));
  }

  globalAvgPool(layer: string, x: Value): Value {
    return this.push(new GlobalAvgPoolOp(this, layer, x));
  }

  linear(layer: string, x: Value, w: Value, b: Value | null): Value {
    return this.push(new LinearOp(this, layer, x, w, b));
  }

  flatten(layer: string, x: Value): Value {
    return this.push(new FlattenOp(this, layer, x));
  }

  /** Reshapes the non-batch dimensions. */
  reshape(layer: string, x: Value, shape: number[]): Value {
    return this.push(new ReshapeOp(this, layer, x, shape));
  }

  sigmoid(layer: string, x: Value): Value {
    return this.push(new SigmoidOp(this, layer, x));
  }

  /** Mean binary cross-entropy with logits (PyTorch's `binary_cross_entropy_with_logits`). */
  bceWithLogits(layer: string, logits: Value, labels: Value): Value {
    return this.push(new BceWithLogitsOp(this, layer, logits, labels));
  }

  /** Generic entry point by op name (used by serialised specs); unknown names throw. */
  apply(kind: string, layer: string, inputs: Value[], attrs: Record<string, unknown> = {}): Value {
    const a = attrs as Record<string, number & boolean>;
    const [x, y, z] = inputs;
    switch (kind) {
      case 'conv1d': return this.conv1d(layer, x, y, z ?? null, attrs as Conv1dOptions);
      case 'groupNorm': return this.groupNorm(layer, x, y, z, a.groups, a.eps);
      case 'relu': return this.relu(layer, x);
      case 'add': return this.add2(layer, x, y);
      case 'maxPool1d': return this.maxPool1d(layer, x, attrs as unknown as PoolOptions);
      case 'avgPool1d': return this.avgPool1d(layer, x, attrs as unknown as PoolOptions);
      case 'globalAvgPool': return this.globalAvgPool(layer, x);
      case 'linear': return this.linear(layer, x, y, z ?? null);
      case 'flatten': return this.flatten(layer, x);
      case 'sigmoid': return this.sigmoid(layer, x);
      case 'bceWithLogits': return this.bceWithLogits(layer, x, y);
      default:
        throw new Error(`layer '${layer}': unknown op '${kind}' (inputs ${inputs.map((v) => shapeStr(v.shape)).join(', ')})`);
    }
  }
}
