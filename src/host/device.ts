// What host-side extensions of an emulated board (the REPL of `microjwt serve`,
// the `http` module) get from the emulator: a running device they can feed
// code and events, and keep alive while they have work (a listening server,
// a connected console). Implemented inside emulator.ts's runDeviceScript.
import type vm from 'node:vm';
import type { BoardProfile } from './paths';

export interface DeviceHandle {
  /** The device's global realm: create device-side objects with vm.runInContext so they belong to it. */
  readonly context: vm.Context;
  readonly profile: BoardProfile;
  /** Runs code typed at the REPL (its bytes as a latin1 string). An uncaught error is printed and reported. */
  evaluate(code: string): { ok: true; value: unknown } | { ok: false };
  /** A value as the REPL prints it after `=`. */
  inspect(value: unknown): string;
  /** Queues a call into device code from a host event (socket data, a timer of the host); it runs in the device's loop. */
  post(fn: () => void): void;
  /** Keeps the device running in real time until the returned function is called (a listening server, an open socket). */
  hold(): () => void;
  /**
   * Holds back the live output (RunOptions.onOutput) until the returned
   * function is called. A board's `listen` binds before it returns, the
   * host's later: what a script prints after `listen` ("listening on ...")
   * must not reach a watcher before connections are accepted.
   */
  gateOutput(): () => void;
  /** Makes `require(name)` return `exports` (a device-side object). */
  addModule(name: string, exports: unknown): void;
  /** Defines a global that counts as built in. */
  addGlobal(name: string, value: unknown): void;
  /** Prints device output (bytes as a latin1 string). */
  write(text: string): void;
  /** Ends the run: open handles are dropped, Storage is saved, runDeviceScript resolves. */
  stop(): void;
  /** Runs `fn` when the run ends (close sockets and servers). */
  onStop(fn: () => void): void;
}
