"""First-party rule plugins of referatcheck, one module per rule family."""
