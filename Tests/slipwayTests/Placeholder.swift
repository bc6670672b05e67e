enum P2 {}
