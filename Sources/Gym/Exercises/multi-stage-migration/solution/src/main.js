// Entry point.
console.log(greet(process.argv[2] || "class"));
