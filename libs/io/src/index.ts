export { atomicPath, atomicWriteFile, atomicWriteFileSync, withAtomicPath, tempPathFor, type AtomicPath, type FileData } from './atomic.ts';
