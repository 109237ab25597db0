/**
 * register-models/: register protocols written as actors, with the client harness and recording
 * of Stateright's register examples. Other files in this folder are internal.
 */
export type { RequestId, RegisterValue, RegisterMsg, RegisterVariant, InternalMsg, ProtocolMsg } from './messages.js';
export { NO_VALUE, REGISTER_VARIANTS, registerMessages, isRegisterMsg, formatMessage as formatRegisterMessage } from './messages.js';
export type { ClientState, ClientOptions } from './client.js';
export { registerClient } from './client.js';
export type { RegisterSemantics, RegisterTester } from './history.js';
export { RegisterHistory, HistoryRecorder } from './history.js';
export type { RegisterProtocol } from './server.js';
export { registerServer } from './server.js';
export type { RegisterConsistency, RegisterSystemOptions, RegisterActorState, RegisterSystemState, RegisterSystemAction } from './register-system.js';
export { RegisterSystem, registerSystem } from './register-system.js';
export { singleCopyRegister } from './single-copy.js';
export { writeOnceRegister } from './write-once.js';
export type { AbdMsg, AbdPhase, AbdState, Seq } from './abd.js';
export { abdRegister, abdNoReadWriteBack } from './abd.js';
export type { PaxosMsg, PaxosState, Ballot, Proposal, AcceptedProposal } from './paxos.js';
export { paxosRegister, paxosNoAdopt, paxosForgetfulAcceptor } from './paxos.js';
export type { CausalRegisterMsg, CausalRegisterState, PendingWrite } from './causal-register.js';
export { causalRegister, causalRegisterNoWait } from './causal-register.js';
