/** Web Worker entry of the reach engines (see worker-handlers.ts for the API). */
import { serve, type Endpoint } from '../util/rpc.ts';
import { reachHandlers } from './worker-handlers.ts';

serve(self as unknown as Endpoint, reachHandlers());
