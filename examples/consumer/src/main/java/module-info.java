/** The quick start as a named module: on the module path it reads Conduit's API module. */
module com.example.quickstart {
    requires dev.conduit;
}
