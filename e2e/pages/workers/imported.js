self.importedValue = 'from imported.js at ' + new URL('imported.js', location.href).pathname;
