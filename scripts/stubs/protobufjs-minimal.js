// Stands in for protobufjs/minimal in our bundles. @datadog/sketches-js loads it only for its
// protobuf encoding (toProto/fromProto), which composio-widgets never calls; without this stand-in
// every bundler fails to resolve it, since protobufjs is an optional dependency of that package.
module.exports = new Proxy(
  {},
  {
    get() {
      throw new Error('composio-widgets does not include protobuf encoding of DDSketch');
    },
  },
);
