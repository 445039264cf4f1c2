package dev.handoff.config.yaml;

import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactoryBuilder;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import org.yaml.snakeyaml.DumperOptions;

import java.io.IOException;
import java.io.Writer;

/**
 * Writes floating-point numbers as YAML 1.1 reads them too: with a decimal point and a signed exponent ({@code 1.0E+20}).
 * Jackson writes Java's {@code 1.0E20}, which YAML 1.2 takes for a float and a YAML 1.1 reader (PyYAML, and so many CI
 * scripts) for the text "1.0E20", so a fetched file did not read back as the same document everywhere.
 */
final class Yaml11Numbers extends YAMLFactory {

    private static final long serialVersionUID = 1L;

    Yaml11Numbers(YAMLFactoryBuilder builder) {
        super(builder);
    }

    private Yaml11Numbers(Yaml11Numbers src, ObjectCodec codec) {
        super(src, codec);
    }

    @Override
    public YAMLFactory copy() {
        return new Yaml11Numbers(this, null);
    }

    @Override
    protected YAMLGenerator _createGenerator(Writer out, IOContext ctxt) throws IOException {
        return _dumperOptions == null
                ? new Generator(ctxt, _generatorFeatures, _yamlGeneratorFeatures, _quotingChecker, _objectCodec, out, _version)
                : new Generator(ctxt, _generatorFeatures, _yamlGeneratorFeatures, _quotingChecker, _objectCodec, out, _dumperOptions);
    }

    /** Java's text of a finite double or float, with "+" after an exponent that has no sign. */
    static String text(String javaText) {
        int e = javaText.indexOf('E');
        if (e < 0 || e + 1 >= javaText.length() || javaText.charAt(e + 1) == '-') {
            return javaText;
        }
        return javaText.substring(0, e + 1) + "+" + javaText.substring(e + 1);
    }

    private static final class Generator extends YAMLGenerator {

        Generator(IOContext ctxt, int jsonFeatures, int yamlFeatures, com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker quoting,
                  ObjectCodec codec, Writer out, DumperOptions.Version version) throws IOException {
            super(ctxt, jsonFeatures, yamlFeatures, quoting, codec, out, version);
        }

        Generator(IOContext ctxt, int jsonFeatures, int yamlFeatures, com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker quoting,
                  ObjectCodec codec, Writer out, DumperOptions options) throws IOException {
            super(ctxt, jsonFeatures, yamlFeatures, quoting, codec, out, options);
        }

        @Override
        public void writeNumber(double d) throws IOException {
            if (Double.isFinite(d)) {
                writeNumber(text(Double.toString(d)));
            } else {
                super.writeNumber(d);
            }
        }

        @Override
        public void writeNumber(float f) throws IOException {
            if (Float.isFinite(f)) {
                writeNumber(text(Float.toString(f)));
            } else {
                super.writeNumber(f);
            }
        }
    }
}
