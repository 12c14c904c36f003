/// IonScope's version, written into every provenance record.
public let ionScopeVersion = "0.2.0"
