// The "compiler": bundles src/*.js into dist/index.js, dropping comments and blank lines.
const fs = require("fs");
const path = require("path");
const files = fs.readdirSync("src").filter((f) => f.endsWith(".js")).sort();
const body = files
  .map((f) => fs.readFileSync(path.join("src", f), "utf8"))
  .join("\n")
  .split("\n")
  .filter((line) => line.trim() !== "" && !line.trim().startsWith("//"))
  .join("\n");
fs.mkdirSync("dist", { recursive: true });
fs.writeFileSync("dist/index.js", body + "\n");
console.log(`built dist/index.js from ${files.length} files`);
