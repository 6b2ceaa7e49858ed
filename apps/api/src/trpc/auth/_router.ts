import { noInput } from '../input-fields.ts';
import { publicProcedure, router, sessionProcedure } from '../trpc.ts';
import { csrfHandler } from './csrf.handler.ts';
import { logInHandler } from './log-in.handler.ts';
import { logInInput } from './log-in.schema.ts';
import { logOutHandler } from './log-out.handler.ts';
import { sessionHandler } from './session.handler.ts';
import { signUpHandler } from './sign-up.handler.ts';
import { signUpInput } from './sign-up.schema.ts';
import { switchAccountHandler } from './switch-account.handler.ts';
import { switchAccountInput } from './switch-account.schema.ts';

export const authRouter = router({
  csrf: publicProcedure.input(noInput).query(csrfHandler),
  signUp: publicProcedure.input(signUpInput).mutation(signUpHandler),
  logIn: publicProcedure.input(logInInput).mutation(logInHandler),
  logOut: publicProcedure.input(noInput).mutation(logOutHandler),
  session: publicProcedure.input(noInput).query(sessionHandler),
  switchAccount: sessionProcedure.input(switchAccountInput).mutation(switchAccountHandler),
});
