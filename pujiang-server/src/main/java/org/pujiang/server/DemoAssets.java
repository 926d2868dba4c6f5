package org.pujiang.server;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.pujiang.ledger.asset.AssetCommand;
import org.pujiang.ledger.asset.AssetId;
import org.pujiang.ledger.asset.MediaCheck;
import org.pujiang.ledger.asset.MediaFormat;
import org.pujiang.ledger.asset.MediaVerdict;
import org.pujiang.ledger.asset.Standing;
import org.pujiang.server.auth.User;
import org.pujiang.server.ledger.AssetLedger;
import org.pujiang.server.ledger.ContentStore;
import org.pujiang.server.ledger.Ledger;
import org.pujiang.server.space.Space;
import org.pujiang.server.space.SpaceChanges;
import org.pujiang.server.space.SpaceService;
import org.pujiang.server.storage.AssetRepository;
import org.pujiang.server.storage.KeyRepository;
import org.pujiang.space.SpaceTemplate;
import org.pujiang.space.Visibility;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The digital collectibles gallery a fresh server shows: a public gallery space with four pictures on its walls and
 * a sculpture on a pedestal, each registered, minted and placed by the admin through the same log every asset goes
 * through — so a newcomer can click one and see its provenance verified in the browser. The artworks are drawn here
 * (nothing is downloaded); once, on the first start with demo content on.
 */
final class DemoAssets {
    private static final Logger log = LoggerFactory.getLogger(DemoAssets.class);
    private static final String MARKER = "demo-assets-v1";

    private record Artwork(String title, String slot, MediaFormat format, byte[] bytes, int editions) {}

    private DemoAssets() {}

    static void seed(KeyRepository keys, SpaceService spaces, Ledger ledger, AssetRepository repo, User admin,
            Clock clock) {
        String ours = UUID.randomUUID().toString();
        if (keys.get(MARKER).isPresent() || !keys.putIfAbsent(MARKER, ours).equals(ours)) {
            return;
        }
        Space gallery = spaces.create(admin, new SpaceChanges(Optional.of("数字藏品画廊 Digital Collectibles Gallery"),
                Optional.of("Digital collectibles with verifiable provenance: click a work to see its history and the"
                        + " log's proof, checked in your browser. 数字藏品画廊：点击作品，查看其流转记录与可验证的存证证明。"),
                Optional.of(SpaceTemplate.GALLERY), Optional.of(Visibility.PUBLIC), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty()));
        List<Artwork> works = List.of(
                new Artwork("浦江晨曦 Dawn on the Huangpu", "wall-1", MediaFormat.PNG,
                        painting(new Color(0xF6B26B), new Color(0x3D85C6), "浦江晨曦"), 100),
                new Artwork("外滩夜色 The Bund at Night", "wall-2", MediaFormat.PNG,
                        painting(new Color(0x0B1D3A), new Color(0xE69138), "外滩夜色"), 100),
                new Artwork("陆家嘴 Lujiazui Skyline", "wall-3", MediaFormat.PNG,
                        painting(new Color(0x6FA8DC), new Color(0x274E13), "陆家嘴"), 50),
                new Artwork("豫园 Yu Garden", "wall-4", MediaFormat.PNG,
                        painting(new Color(0xD9EAD3), new Color(0x990000), "豫园"), 50),
                new Artwork("东方明珠 Oriental Pearl (model)", "pedestal-1", MediaFormat.GLB, pearlTower(), 20));
        Standing standing = ledger.identity().standing(admin);
        for (Artwork w : works) {
            MediaVerdict verdict = MediaCheck.inspect(w.bytes(), "demo." + w.format().extensions().get(0));
            if (!(verdict instanceof MediaVerdict.Accepted)) {
                throw new IllegalStateException("a demo artwork fails the format check: " + verdict);
            }
            String hash = ContentStore.sha256(w.bytes());
            ledger.files().put(hash, w.bytes());
            AssetId id = AssetId.random();
            append(ledger.assets(), new AssetCommand.Register(id, "sha256:" + hash, w.format(), w.bytes().length,
                    w.title(), "CC BY-NC 4.0", w.editions()), standing);
            append(ledger.assets(), new AssetCommand.Mint(id, 0), standing);
            repo.place(new AssetRepository.Placement(UUID.randomUUID(), gallery.id().value(), id.value(), 1, w.slot(),
                    admin.id(), clock.instant()));
        }
        log.info("created the demo gallery with {} registered and placed artworks", works.size());
    }

    private static void append(AssetLedger assets, AssetCommand command, Standing admin) {
        try {
            AssetLedger.Outcome o = assets.submit(command, admin, null, null).get(30, TimeUnit.SECONDS);
            if (o instanceof AssetLedger.Outcome.Refused r) {
                throw new IllegalStateException("the demo asset was refused: " + r.code() + " " + r.message());
            }
        } catch (Exception e) {
            throw e instanceof RuntimeException re ? re : new IllegalStateException("seeding demo assets failed", e);
        }
    }

    /** A 640×480 "painting": a sky gradient, a sun, a river and a skyline of towers (varied by {@code seed}). */
    static byte[] painting(Color sky, Color ground, String seed) {
        BufferedImage img = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setPaint(new GradientPaint(0, 0, sky, 0, 480, ground));
        g.fillRect(0, 0, 640, 480);
        java.util.Random r = new java.util.Random(seed.hashCode());
        g.setColor(ground.darker());
        for (int x = 20; x < 620; x += 30 + r.nextInt(30)) {
            int h = 60 + r.nextInt(200);
            g.fillRect(x, 340 - h, 18 + r.nextInt(20), h);
        }
        g.setColor(new Color(0x4A6FA5));
        g.fillRect(0, 340, 640, 140);
        g.setColor(new Color(255, 255, 255, 90));
        for (int y = 350; y < 480; y += 12) {
            g.drawLine(r.nextInt(200), y, 300 + r.nextInt(340), y);
        }
        // No text: drawing glyphs needs fonts the server's machine may not have.
        g.setColor(new Color(255, 250, 230));
        g.fillOval(480 + r.nextInt(80), 40 + r.nextInt(60), 56, 56);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A small glTF 2.0 binary: a tower of stacked octagonal prisms and two spheres-by-octahedra. */
    static byte[] pearlTower() {
        java.util.List<float[]> positions = new java.util.ArrayList<>();
        java.util.List<int[]> triangles = new java.util.ArrayList<>();
        prism(positions, triangles, 0.00f, 0.10f, 0.45f); // base
        prism(positions, triangles, 0.10f, 1.60f, 0.06f); // shaft
        octahedron(positions, triangles, 0.55f, 0.28f); // lower pearl
        octahedron(positions, triangles, 1.15f, 0.18f); // upper pearl
        prism(positions, triangles, 1.60f, 2.10f, 0.02f); // spire
        ByteBuffer bin = ByteBuffer.allocate(positions.size() * 12 + triangles.size() * 6 + 4)
                .order(ByteOrder.LITTLE_ENDIAN);
        float[] min = {Float.MAX_VALUE, Float.MAX_VALUE, Float.MAX_VALUE};
        float[] max = {-Float.MAX_VALUE, -Float.MAX_VALUE, -Float.MAX_VALUE};
        for (float[] p : positions) {
            for (int i = 0; i < 3; i++) {
                bin.putFloat(p[i]);
                min[i] = Math.min(min[i], p[i]);
                max[i] = Math.max(max[i], p[i]);
            }
        }
        int positionBytes = bin.position();
        for (int[] t : triangles) {
            for (int i : t) {
                bin.putShort((short) i);
            }
        }
        int indexBytes = bin.position() - positionBytes;
        while (bin.position() % 4 != 0) {
            bin.put((byte) 0);
        }
        int binLength = bin.position();
        String json = "{\"asset\":{\"version\":\"2.0\",\"generator\":\"Pujiang demo\"},\"scene\":0,"
                + "\"scenes\":[{\"nodes\":[0]}],\"nodes\":[{\"mesh\":0,\"name\":\"Oriental Pearl\"}],"
                + "\"meshes\":[{\"primitives\":[{\"attributes\":{\"POSITION\":0},\"indices\":1,\"material\":0}]}],"
                + "\"materials\":[{\"pbrMetallicRoughness\":{\"baseColorFactor\":[0.85,0.2,0.45,1],"
                + "\"metallicFactor\":0.3,\"roughnessFactor\":0.5}}],"
                + "\"buffers\":[{\"byteLength\":" + binLength + "}],"
                + "\"bufferViews\":[{\"buffer\":0,\"byteOffset\":0,\"byteLength\":" + positionBytes
                + ",\"target\":34962},{\"buffer\":0,\"byteOffset\":" + positionBytes + ",\"byteLength\":" + indexBytes
                + ",\"target\":34963}],"
                + "\"accessors\":[{\"bufferView\":0,\"componentType\":5126,\"count\":" + positions.size()
                + ",\"type\":\"VEC3\",\"min\":[" + min[0] + "," + min[1] + "," + min[2] + "],\"max\":[" + max[0] + ","
                + max[1] + "," + max[2] + "]},{\"bufferView\":1,\"componentType\":5123,\"count\":"
                + triangles.size() * 3 + ",\"type\":\"SCALAR\"}]}";
        byte[] jsonBytes = json.getBytes(StandardCharsets.UTF_8);
        int jsonPadded = (jsonBytes.length + 3) / 4 * 4;
        int total = 12 + 8 + jsonPadded + 8 + binLength;
        ByteBuffer glb = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        glb.putInt(0x46546C67).putInt(2).putInt(total);
        glb.putInt(jsonPadded).putInt(0x4E4F534A).put(jsonBytes);
        for (int i = jsonBytes.length; i < jsonPadded; i++) {
            glb.put((byte) ' ');
        }
        glb.putInt(binLength).putInt(0x004E4942).put(bin.array(), 0, binLength);
        return glb.array();
    }

    private static void prism(List<float[]> pos, List<int[]> tris, float y0, float y1, float radius) {
        int base = pos.size();
        int sides = 8;
        for (int i = 0; i < sides; i++) {
            double a = 2 * Math.PI * i / sides;
            pos.add(new float[] {(float) (radius * Math.cos(a)), y0, (float) (radius * Math.sin(a))});
            pos.add(new float[] {(float) (radius * Math.cos(a)), y1, (float) (radius * Math.sin(a))});
        }
        for (int i = 0; i < sides; i++) {
            int a = base + 2 * i;
            int b = base + 2 * ((i + 1) % sides);
            tris.add(new int[] {a, b + 1, b});
            tris.add(new int[] {a, a + 1, b + 1});
        }
        pos.add(new float[] {0, y1, 0});
        int top = pos.size() - 1;
        for (int i = 0; i < sides; i++) {
            tris.add(new int[] {top, base + 2 * ((i + 1) % sides) + 1, base + 2 * i + 1});
        }
    }

    private static void octahedron(List<float[]> pos, List<int[]> tris, float y, float r) {
        int base = pos.size();
        pos.add(new float[] {0, y + r, 0});
        pos.add(new float[] {0, y - r, 0});
        pos.add(new float[] {r, y, 0});
        pos.add(new float[] {0, y, r});
        pos.add(new float[] {-r, y, 0});
        pos.add(new float[] {0, y, -r});
        for (int i = 0; i < 4; i++) {
            int a = base + 2 + i;
            int b = base + 2 + (i + 1) % 4;
            tris.add(new int[] {base, b, a});
            tris.add(new int[] {base + 1, a, b});
        }
    }
}
