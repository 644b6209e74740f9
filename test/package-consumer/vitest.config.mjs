// Its own config, so vitest here runs as in a user's project: `switchyard` is the built package.
export default {};
