/** Runnable examples of the Conduit API. */
module dev.conduit.examples {
    requires dev.conduit;
}
