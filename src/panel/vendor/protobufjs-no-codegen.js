// Stands in for protobufjs's code generator in the extension build: extension pages forbid
// `new Function`, and Sockets uses only protobufjs's parser and reflection, never its generated
// encoders and decoders (see src/core/decoders/protobuf-schema.ts).
module.exports = function codegen() {
  throw new Error('protobufjs code generation is not available in the extension');
};
