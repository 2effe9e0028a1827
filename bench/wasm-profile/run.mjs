// node bench/wasm-profile/run.mjs FILE.wasm [program index ...]: times each program 3 times.
// With `node --cpu-prof --cpu-prof-interval 200 ...` V8 writes a profile with the wasm
// functions' names (the build keeps its name section; wasm-opt without -g drops it).
import fs from 'node:fs';
const [file, ...which] = process.argv.slice(2);
const { instance } = await WebAssembly.instantiate(fs.readFileSync(file), {});
const names = ['primes', 'loop_add', 'fib', 'methods'];
const list = which.length ? which.map(Number) : [0, 1, 2, 3];
for (let rep = 0; rep < 3; rep++) {
  for (const i of list) {
    const t = performance.now();
    const r = instance.exports.run(i);
    console.log(names[i].padEnd(9), String(r).padEnd(6), (performance.now() - t).toFixed(1), 'ms');
  }
}
