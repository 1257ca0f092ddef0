// Minimal ONNX model builder on top of onnx-proto (protobufjs-generated ONNX schema).
// Nodes are appended in topological order; every value gets a unique name.
import protoPkg from 'onnx-proto';

export const onnx = protoPkg.onnx;
type INodeProto = protoPkg.onnx.INodeProto;
type ITensorProto = protoPkg.onnx.ITensorProto;
type IAttributeProto = protoPkg.onnx.IAttributeProto;
type IValueInfoProto = protoPkg.onnx.IValueInfoProto;

export type DType = 'float32' | 'float64';
/** A dimension: a fixed size or the symbolic batch size. */
export type Dim = number | 'batch';

export const OPSET = 17;

const TYPE_CODE = { float32: 1, int64: 7, float64: 11, bool: 9 } as const;
export type ElemType = keyof typeof TYPE_CODE;

/** Float attribute marker (plain numbers are integer attributes). */
export interface FloatAttr {
  f: number;
}
export type AttrValue = number | number[] | string | FloatAttr;

export function f(x: number): FloatAttr {
  return { f: x };
}

function attribute(name: string, v: AttrValue): IAttributeProto {
  const T = onnx.AttributeProto.AttributeType;
  if (typeof v === 'number') {
    if (!Number.isInteger(v)) throw new Error(`onnx attribute ${name}: integer expected, got ${v}`);
    return { name, type: T.INT, i: v };
  }
  if (typeof v === 'string') return { name, type: T.STRING, s: new TextEncoder().encode(v) };
  if (Array.isArray(v)) return { name, type: T.INTS, ints: v };
  return { name, type: T.FLOAT, f: v.f };
}

export interface IoSpec {
  name: string;
  elemType: ElemType;
  shape: Dim[];
}

function valueInfo(spec: IoSpec): IValueInfoProto {
  return {
    name: spec.name,
    type: {
      tensorType: {
        elemType: TYPE_CODE[spec.elemType],
        shape: { dim: spec.shape.map((d) => (d === 'batch' ? { dimParam: 'batch' } : { dimValue: d })) },
      },
    },
  };
}

export interface ModelOptions {
  inputs: IoSpec[];
  outputs: IoSpec[];
  graphName?: string;
  metadata?: Record<string, string>;
  docString?: string;
}

/** Collects nodes and initializers of one ONNX graph. */
export class OnnxBuilder {
  readonly nodes: INodeProto[] = [];
  readonly initializers: ITensorProto[] = [];
  private counter = 0;
  private constCache = new Map<string, string>();
  /** prefix of node names (e.g. '<layer>/bwd'), shows in ORT profiles */
  scope = '';

  constructor(readonly dtype: DType) {}

  fresh(hint: string): string {
    this.counter += 1;
    return `${hint}__${this.counter}`;
  }

  /** Appends a node; returns the names of its outputs. */
  op(type: string, inputs: string[], attrs: Record<string, AttrValue> = {}, nOut = 1, outNames?: string[]): string[] {
    const outs = outNames ?? Array.from({ length: nOut }, () => this.fresh(type.toLowerCase()));
    this.nodes.push({
      opType: type,
      input: inputs,
      output: outs,
      name: this.fresh(`${this.scope ? `${this.scope}/` : ''}${type}`),
      attribute: Object.entries(attrs).map(([k, v]) => attribute(k, v)),
    });
    return outs;
  }

  /** One-output node. */
  op1(type: string, inputs: string[], attrs: Record<string, AttrValue> = {}, outName?: string): string {
    return this.op(type, inputs, attrs, 1, outName ? [outName] : undefined)[0];
  }

  /** Initializer with the builder's float type (cached by value for small constants). */
  constF(values: ArrayLike<number>, dims: number[], name?: string): string {
    return this.tensor(values, dims, this.dtype, name);
  }

  scalarF(x: number): string {
    return this.constF([x], []);
  }

  constI64(values: number[], dims?: number[]): string {
    return this.tensor(values, dims ?? [values.length], 'int64');
  }

  tensor(values: ArrayLike<number>, dims: number[], elemType: ElemType, name?: string): string {
    const small = values.length <= 16 && name === undefined;
    const key = small ? `${elemType}|${dims.join(',')}|${Array.from(values).join(',')}` : '';
    if (small && this.constCache.has(key)) return this.constCache.get(key)!;
    const n = name ?? this.fresh('c');
    this.initializers.push(makeTensor(n, values, dims, elemType));
    if (small) this.constCache.set(key, n);
    return n;
  }

  /** Serialises the graph to ONNX bytes. */
  build(opts: ModelOptions): Uint8Array {
    const model: protoPkg.onnx.IModelProto = {
      irVersion: 8,
      producerName: '@aframe/nn',
      producerVersion: '0.1.0',
      opsetImport: [{ domain: '', version: OPSET }],
      docString: opts.docString,
      graph: {
        name: opts.graphName ?? 'graph',
        node: this.nodes,
        initializer: this.initializers,
        input: opts.inputs.map(valueInfo),
        output: opts.outputs.map(valueInfo),
      },
      metadataProps: Object.entries(opts.metadata ?? {}).map(([key, value]) => ({ key, value })),
    };
    return onnx.ModelProto.encode(onnx.ModelProto.create(model)).finish();
  }
}

export function makeTensor(name: string, values: ArrayLike<number>, dims: number[], elemType: ElemType): ITensorProto {
  const size = dims.reduce((a, b) => a * b, 1);
  if (values.length !== size) {
    throw new Error(`onnx tensor ${name}: ${values.length} values for shape [${dims.join(', ')}]`);
  }
  let raw: Uint8Array;
  if (elemType === 'float32') raw = new Uint8Array(Float32Array.from(values).buffer);
  else if (elemType === 'float64') raw = new Uint8Array(Float64Array.from(values).buffer);
  else if (elemType === 'int64') raw = new Uint8Array(BigInt64Array.from(Array.from(values, (v) => BigInt(v))).buffer);
  else raw = Uint8Array.from(values, (v) => (v ? 1 : 0));
  return { name, dims, dataType: TYPE_CODE[elemType], rawData: raw };
}

/** Reads model metadata_props from ONNX bytes. */
export function readModel(bytes: Uint8Array): protoPkg.onnx.ModelProto {
  return onnx.ModelProto.decode(bytes);
}
