export * from './enums.js'
export * from './networks.js'
export * from './accounts.js'
export * from './platform.js'
