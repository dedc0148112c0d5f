package org.fedstep.io;

/** FedStep's version, as the jar's manifest states it (a plain build from the IDE says "development"). */
public final class Version {

    private Version() { }

    public static String current() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }
}
