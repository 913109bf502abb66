// Tests run the built actions through the sandbox's runner emulation (sandbox/runner.ts).
export * from '../../sandbox/runner.ts';
