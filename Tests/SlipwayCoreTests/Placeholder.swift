enum P1 {}
