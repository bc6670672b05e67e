enum PSlipwayCoreTests {}
