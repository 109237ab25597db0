/**
 * register-models/: register protocols written as actors, with the client harness and recording
 * of Stateright's register examples. Other files in this folder are internal.
 */
export type { RequestId, RegisterValue, RegisterMsg, RegisterVariant, InternalMsg, ProtocolMsg } from './messages.js';
export { NO_VALUE, REGISTER_VARIANTS, registerMessages, registerMessageSchema, isRegisterMsg, formatMessage as formatRegisterMessage } from './messages.js';
export type { ClientState, ClientOptions, ClientTimer } from './client.js';
export { registerClient, staterightWorkload } from './client.js';
export type { RegisterSemantics, RegisterTester } from './history.js';
export { RegisterHistory, HistoryRecorder } from './history.js';
export type { RegisterProtocol } from './server.js';
export { registerServer } from './server.js';
export type { RegisterConsistency, RegisterSystemOptions, RegisterActorState, RegisterModuleDefaults, RegisterSystemState, RegisterSystemAction } from './register-system.js';
export { RegisterSystem, registerSystem, registerSystemModule } from './register-system.js';
export {
  REGISTER_SYSTEMS,
  singleCopyRegisterSystem,
  abdSystem,
  paxosSystem,
  writeOnceRegisterSystem,
  abdNoWriteBackSystem,
  paxosNoAdoptSystem,
  paxosForgetfulAcceptorSystem,
  causalRegisterSystem,
  causalRegisterNoWaitSystem,
} from './systems.js';
export { singleCopyRegister } from './single-copy.js';
export { writeOnceRegister } from './write-once.js';
export type { AbdMsg, AbdPhase, AbdState, Seq } from './abd.js';
export { abdRegister, abdNoReadWriteBack, abdMessages } from './abd.js';
export type { PaxosMsg, PaxosState, Ballot, Proposal, AcceptedProposal } from './paxos.js';
export { paxosRegister, paxosNoAdopt, paxosForgetfulAcceptor, paxosMessages } from './paxos.js';
export type { CausalRegisterMsg, CausalRegisterState, PendingWrite } from './causal-register.js';
export { causalRegister, causalRegisterNoWait, causalRegisterMessages } from './causal-register.js';
