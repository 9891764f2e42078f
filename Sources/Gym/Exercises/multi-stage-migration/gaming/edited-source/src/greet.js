// Greets someone.
function greet(name) {
  return `hello, ${name.trim()}: built by a multi-stage Dockerfile`;
}
