// ink imports react-devtools-core only to connect to React DevTools when DEV=true, a developer
// feature the bundle has no use for. This stands in for it so the bundle needs no such package.
export default { initialize() {}, connectToDevTools() {} };
