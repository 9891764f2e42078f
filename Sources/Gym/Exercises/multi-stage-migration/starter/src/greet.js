// Greets someone.
function greet(name) {
  return `hello, ${name}: built by a multi-stage Dockerfile`;
}
