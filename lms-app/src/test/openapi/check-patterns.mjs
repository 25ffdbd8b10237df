// Every `pattern` of the OpenAPI document must be a valid ECMA-262 regular expression (what JSON
// Schema tools evaluate), also in Unicode mode. Prints each invalid one and exits 1.
import { readFileSync } from 'node:fs';

const doc = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const bad = [];
let count = 0;
(function walk(node, path) {
  if (Array.isArray(node)) {
    node.forEach((child, i) => walk(child, `${path}/${i}`));
  } else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'pattern' && typeof value === 'string') {
        count++;
        try {
          new RegExp(value, 'u');
        } catch (e) {
          bad.push(`${path}: ${value}: ${e.message}`);
        }
      } else {
        walk(value, `${path}/${key}`);
      }
    }
  }
})(doc, '#');
bad.forEach((line) => console.log(line));
console.log(`${count} patterns, ${bad.length} invalid in ECMA-262`);
process.exit(bad.length === 0 && count > 0 ? 0 : 1);
