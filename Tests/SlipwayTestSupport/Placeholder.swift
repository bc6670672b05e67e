enum PSlipwayTestSupport {}
