package dev.oncall.api;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/** Every SQL statement the application prepares, so a test can count what a query cost. */
public final class SqlLog {
    private static final List<String> STATEMENTS = new CopyOnWriteArrayList<>();

    private SqlLog() {}

    public static void clear() {
        STATEMENTS.clear();
    }

    /** The statements prepared since {@link #clear()} that mention {@code table}. */
    public static long count(String table) {
        String needle = table.toLowerCase(java.util.Locale.ROOT);
        return STATEMENTS.stream().filter(s -> s.toLowerCase(java.util.Locale.ROOT).matches("(?s).*\\b(from|join)\\s+"
                + needle + "\\b.*")).count();
    }

    public static List<String> all() {
        return List.copyOf(STATEMENTS);
    }

    /** Wraps the application's DataSource; installed by the shared test configuration. */
    public static final class Wrapper implements BeanPostProcessor {
        @Override
        public Object postProcessAfterInitialization(Object bean, String name) {
            if (bean instanceof DataSource ds && !(bean instanceof Counting)) {
                return new Counting(ds);
            }
            return bean;
        }
    }

    private static final class Counting extends DelegatingDataSource {
        Counting(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            return wrap(super.getConnection());
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return wrap(super.getConnection(user, password));
        }

        private static Connection wrap(Connection c) {
            InvocationHandler handler = (proxy, method, args) -> {
                if (method.getName().equals("prepareStatement") && args != null && args[0] instanceof String sql) {
                    STATEMENTS.add(sql);
                }
                try {
                    return method.invoke(c, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            };
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                    handler);
        }
    }
}
