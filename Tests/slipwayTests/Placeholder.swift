enum PslipwayTests {}
