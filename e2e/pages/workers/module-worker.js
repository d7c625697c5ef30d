import { first } from './module-dep.js';
first('module');
